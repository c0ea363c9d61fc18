// Given names and surnames from many cultures, so a colleague who is not on the roster is still
// recognised where the sentence talks about a person ("Ngozi said no", "Why did Kwame leave?").
// The NLP library's own list is mostly English; this one is compiled for this product and kept as
// plain data. A name that is also an everyday word ("Hung", "Rosa", "Bravo") is still listed: the
// reader asks for a stronger cue before such a word counts as a name. Left out on purpose: two-letter
// names that are common syllables ("Ho", "Ma", "Le"), and names better known as products, brands
// or places ("Kafka", "Honda", "Santiago"), which the place list covers.
import { fold } from '../words.ts';

const GIVEN_NAMES = {
  westAfrican: `
    Abena Abiodun Abiola Abubakar Adaeze Adaku Adamu Adebayo Adebola Adeola Adesua Adewale Adwoa
    Afolabi Afua Akosua Akua Akwasi Alassane Amadou Amaka Amarachi Aminata Aminu Ayodele Ayomide
    Ayotunde Babacar Babajide Bashir Bisi Bolaji Boubacar Bukola Chiamaka Chibuike Chidi Chidinma
    Chidubem Chika Chinedu Chinonso Chinwe Chioma Chukwudi Chukwuemeka Dami Damilola Dayo Dzifa
    Ebuka Edem Efua Ekua Elikem Emeka Esi Femi Folake Folasade Funke Funmilayo Garba Gbenga
    Hadiza Halima Hauwa Ibrahima Ibukun Ifeanyi Ifeoma Ikenna Jide Kayode Kehinde Kelechi Khady
    Kobina Kojo Kwabena Kwadwo Kwaku Kwame Kwasi Kweku Lanre Mamadou Mariama Modou Moussa Ndeye
    Niyi Nkechi Nkem Nnamdi Nneka Ngozi Obinna Obiora Olamide Olumide Oluwadamilare Oluwafemi
    Oluwaseun Oluwatobi Onyeka Oumar Ousmane Sani Segun Selasi Senam Seun Seydou Sola Somto
    Souleymane Taiwo Temitope Titilayo Tochukwu Tolulope Tunde Uche Uchenna Ugochukwu Wale Yaa
    Yakubu Yaw Yetunde Zainab`,
  eastAfrican: `
    Abdirahman Abebe Achieng Adhiambo Akinyi Alemu Almaz Amani Atieno Awino Ayaan Babirye Baraka
    Bekele Berhane Chebet Cherono Dawit Desta Faadumo Girma Habimana Hamdi Hodan Ingabire Jepkosgei
    Kamau Kariuki Kebede Kinyua Kiprono Kiprop Makena Meseret Mugabo Mugisha Mukasa Mutesi Muthoni
    Mutua Mwangi Nakato Neema Niyonzima Njeri Njoroge Nsubuga Nyambura Ochieng Odhiambo Omondi
    Onyango Otieno Owino Rehema Selam Tadesse Tesfaye Tigist Tumusiime Uwase Uwimana Wairimu
    Wambui Wanjiku Wanjiru Warsame Yohannes Yonas Zawadi Zuberi`,
  southernAfrican: `
    Ayanda Bongani Busisiwe Chipo Farai Kagiso Karabo Katlego Kudzai Lebogang Lerato Lindiwe
    Mandla Mpho Naledi Nokuthula Nomvula Nyasha Palesa Refilwe Rudo Sibusiso Sipho Siyabonga
    Tafadzwa Tapiwa Tatenda Tendai Thabo Thandiwe Themba Tinashe Tshepo Zanele Zodwa`,
  southAsian: `
    Aanya Aarav Aditi Aditya Akash Amit Amrit Ananya Anand Anika Anil Anjali Ankit Anupam Arif
    Arjun Arnab Arumugam Arun Aruna Arvind Ashok Asif Ayesha Balaji Baljit Bilal Bishnu Chathura
    Debashish Deepa Deepak Devika Dilani Divya Faisal Fariha Ganesh Gaurav Gurpreet Hamza Harini
    Harish Harjit Harpreet Hina Imran Indrani Irfan Isha Ishaan Ishita Jaspreet Jaswinder Junaid
    Kabir Kamran Karthik Kasun Kavita Kavya Kuldeep Lakshman Lakshmi Mahnoor Manish Manoj
    Manpreet Meena Meera Mitali Mohan Murugan Muthu Nandini Navdeep Naveed Neha Nikhil Nisha
    Nithya Nuwan Padma Paramjit Partha Pooja Pradeep Prakash Prakriti Pranav Priya Priyanka Rabia
    Rahul Rajesh Rajinder Rakesh Ramesh Ravi Revathi Rituparna Rizwan Rohan Rohit Ruwan Saanvi
    Sabitri Sadia Saima Salman Sana Sandeep Sanjay Saravanan Selvi Senthil Shahid Shreya Shruti
    Siddharth Simran Sneha Sourav Srinivas Subhash Sudha Sukhdeep Sunil Suresh Swati Tanmoy Tanvi
    Tariq Tharindu Uzma Varun Venkat Venkatesh Vidya Vihaan Vijay Vikram Vinod Vivek Yash Zubair`,
  eastAsian: `
    Akira Aoi Asuka Ayaka Ayumi Chihiro Daisuke Dongwook Emi Eunji Eunjung Hyeri Jiyoung Minseo Seoyun Yejin Haoran Haruka Haruto Hiroki
    Hiroshi Himari Hina Hinata Huan Hyejin Hyun Hyunwoo Jaehyun Jiahao Jiayi Jianguo Jianhua
    Jihoon Jiho Jimin Jisoo Jiwoo Jiyeon Joonho Junho Junjie Kaito Kaori Kazuki Keiko Kenji Kenta
    Koharu Koji Kumiko Makoto Masato Megumi Minghui Mingyu Minho Minji Minjun Misaki Miyu Nanami
    Naoki Naoko Natsuki Qiang Riku Rina Ruoxi Ryota Saki Sakura Sanghoon Satoshi Sayaka Seojun
    Seoyeon Seunghyun Shihan Shinji Shota Sota Soyeon Sungmin Taeyang Takashi Takumi Tetsuya
    Tomoko Tomoya Wenjie Xiaohong Xiaoling Xiaoming Xiaowei Xiaoyu Xinyi Yanyan Yiming Yixuan
    Yoko Youngjae Yui Yuki Yuko Yuna Yusuke Yutong Yuto Yuxuan Zhihao Zhiwei Zihan Ziyi Zixuan`,
  southeastAsian: `
    Agus Aisyah Amirah Anong Apinya Arthit Aung Bambang Bayu Budi Chanida Cuong Dewi Dimas Duc
    Dung Eko Fajar Fitri Hadi Hanh Hendra Hien Hieu Hoa Hung Huong Huy Ikhsan Indra Intan Jiraporn
    Joko Kanya Kartika Khanh Khoa Kittisak Kyaw Lestari Linh Loan Lukman Malee Minh Myat Nattapong
    Ngoc Nhung Niran Nurul Nyein Oanh Phuc Phuong Pornchai Prasert Putri Quang Rahmat Ratna Rini
    Rithy Rizky Siriporn Sokha Somchai Somporn Somsak Sophea Sovann Sunisa Supaporn Syafiq
    Syahirah Taufik Teguh Thanawat Thang Thanh Thao Thida Thuy Tien Trang Trung Tuan Vannak Vinh
    Wahyu Wichai Wulan Yanti Zulkifli`,
  centralAsian: `
    Aibek Aigerim Aizhan Aruzhan Askar Azamat Bakhyt Bekzat Daulet Dilnoza Dinara Erlan Farrukh
    Gulnara Gulnora Jasur Madina Nodira Nurlan Nursultan Rustam Saule Shahzod Sherzod Yerlan
    Zarina Zhanna`,
  arabic: `
    Abdelaziz Abdulrahman Abdullah Ahmad Ahmed Alaa Amal Amin Amira Anas Asma Ayman Bassam Dalia
    Duaa Fadi Fahad Farid Fatima Ghada Hadeel Hala Hamza Hanan Hassan Hiba Huda Hussein Ibrahim
    Iman Ismail Jamal Jamila Karim Khadija Khaled Khalid Layla Leila Lubna Mahmoud Majid Mariam
    Marwan Maryam Mayada Mohamed Mohammad Mohammed Muhammad Mustafa Nabil Nasser Nour Omar Osama
    Qasim Rami Rana Rania Rashid Rawan Reem Ruba Saad Salah Salem Salma Sami Samir Samira Shatha
    Tariq Walid Waleed Yasmin Yasmine Yasser Yousef Youssef Yusuf Zaid Zeinab Ziad`,
  turkishPersianKurdish: `
    Ahmet Arash Aylin Ayşe Azadeh Babak Bahar Baran Barış Behnaz Berk Cansu Cem Ceren Dariush
    Deniz Derya Dilan Ece Eda Efe Ege Elif Emine Emir Emre Eren Esra Farhad Farzaneh Fatma Gizem
    Golnaz Gökhan Hakan Hatice Hossein Hüseyin Kaan Kaveh Kerem Kübra Ladan Mahsa Mehdi Mehmet
    Mehrdad Merve Mert Mohsen Murat Nasrin Navid Negar Niloufar Oğuz Omid Onur Özge Parisa Parviz
    Pouya Rebin Reza Rojin Roya Saeed Sanaz Selin Serkan Shahram Shahrzad Shirin Sinan Soran
    Soraya Şule Tahereh Tolga Tuncay Umut Volkan Yasaman Yiğit Zana Zeynep`,
  slavic: `
    Agnieszka Aleksandr Aleksandra Alexei Alexey Alina Alyona Anastasia Anatoly Andrei Andriy
    Arkady Bartosz Beata Biljana Bohdan Boyana Dariusz Darya Desislava Dimitar Dmitri Dmitry Dmytro
    Dorota Dragan Dragana Dušan Ekaterina Evgeny Fyodor Galina Gennady Georgi Goran Grigory
    Grzegorz Halyna Hristo Hrvoje Igor Ilya Inna Irina Iryna Ivana Jelena Jiří Justyna Kacper
    Karolina Katarzyna Kateryna Kirill Konstantin Krešimir Krzysztof Ksenia Larisa Leonid Łukasz
    Lyudmila Maciej Magdalena Małgorzata Marcin Marek Mateusz Michał Mikhail Milica Miloš Mirjana
    Mykola Nadezhda Natalia Nataliya Natalya Nemanja Nikolai Ondřej Oksana Oleg Oleksandr Oleksiy
    Olena Olga Paweł Petar Petr Petro Piotr Polina Przemysław Radostina Rafał Ruslan Serhiy Sergei
    Sergey Slobodan Sławomir Snežana Stanislav Stoyan Svetlana Taras Tatiana Tatyana Tijana Timur
    Todor Tomasz Tomislav Tsvetelina Vadim Valery Vasily Vasyl Vesna Viktor Vladimir Vladislav
    Vojtěch Volodymyr Vyacheslav Weronika Wojciech Yaroslav Yekaterina Yevgeny Yulia Yuliia Yurii
    Yuri Zbigniew Zdeněk Zlatko Zoran Zoya Zuzanna`,
  latinAmerican: `
    Agustina Agustín Alejandra Alejandro Andrés Beatriz Bruna Caio Camila Catalina Citlali Consuelo
    Daniela Diego Duarte Eduardo Emilio Enrique Esteban Facundo Fernanda Fernando Filipa Florencia
    Francisco Gabriela Gonzalo Gonçalo Graciela Guadalupe Guillermo Gustavo Ignacio Inês Itzel
    Javier Jimena Joaquín Jorge José João Juan Julián Juliana Lautaro Leandro Leonor Leticia
    Letícia Lorena Lucía Luana Marcela Mariana Marisol Matías Mateo Matilde Miguel Milagros
    Nicolás Nuno Otávio Pablo Paola Patricio Priscila Rafaela Ramón Raúl Renata Ricardo Rocío
    Rodrigo Sebastián Sofía Thiago Tiago Valeria Vinícius Ximena Xiomara Xochitl Yesenia`,
  european: `
    Agnes Aino Aisling Alasdair Amandine Angharad Annika Anouk Antoine Aoife Astrid Aurélie Baptiste
    Benoît Bethan Birgit Birgitta Bjørn Björn Bram Caoimhe Carys Cathal Catriona Cédric Cerys Cian
    Ciara Ciarán Clémence Clodagh Colm Daan Dafydd Dagmar Darragh Davide Deirdre Didier Dieter
    Dimitra Dimitrios Dimitris Donal Ebba Eeva Eimear Eirini Eleni Élodie Emrys Eoin Evangelos
    Federico Femke Fenna Ffion Fionn Florian Francesca Frédéric Freja Friederike Gaël Gaëlle
    Geert Georgios Gethin Gianluca Gianni Giorgos Giovanni Giulia Giuseppe Gráinne Gudrun Guillaume
    Håkon Hamish Heikki Heike Helmut Henrik Hervé Holger Iain Ieuan Ilaria Ilse Ingeborg Ingrid
    Ioanna Ioannis Jeroen Jérôme Joost Joris Jukka Jürgen Jörg Katerina Kerstin Kimmo Klaus Knut
    Koen Konstantinos Kostas Leif Lotte Loïc Llinos Maarten Maeve Magnus Malin Manolis Marieke
    Marloes Mathilde Matteo Matthias Mhairi Michalis Mieke Mikko Morag Moritz Niamh Niccolò Niels
    Nikolaos Nikos Océane Oisín Olof Orla Outi Owain Pádraig Päivi Panagiotis Pekka Petros Pieter
    Rhiannon Rhys Riikka Róisín Ruairí Sanne Saoirse Séamus Sébastien Seán Siân Sigrid Sigurd
    Silke Sinéad Siobhan Siobhán Sjoerd Solène Solveig Spyros Stavros Stijn Sven Tadhg Thanasis
    Thijs Thierry Tiina Timo Tobias Torbjørn Torsten Tuomas Ute Uwe Vasiliki Wolfgang Wouter
    Yannick`,
  hebrew: `Avi Efrat Eitan Elad Eyal Hadas Itai Keren Liat Maayan Moshe Noam Ofer Orly Osnat Ronit
    Shai Shira Tamar Tomer Yael Yoav Yonatan Yossi`,
  pacific: `Aroha Hemi Kalani Leilani Losa Malia Manaia Mele Ngaio Rangi Semisi Sione Tamati Tavita
    Wiremu`,
};

const SURNAMES = {
  westAfrican: `
    Abiodun Acheampong Addo Adebayo Adekunle Adeyemi Afolabi Agyeman Akinola Akinyemi Amoah Ansah
    Antwi Appiah Asante Babatunde Badu Balogun Bamba Bello Boateng Bonsu Camara Chukwu Cisse
    Coulibaly Danquah Darko Dembele Diallo Diarra Diop Eze Frimpong Gyamfi Igwe Ilori Keita Konate
    Mensah Ndiaye Nwachukwu Nwosu Obi Ofori Ogunbiyi Ogunleye Ojo Okafor Okeke Okonkwo Okoro Okoye
    Oladipo Olatunji Olawale Opoku Osei Ouattara Owusu Oyelaran Quaye Sangare Sarpong Sissoko
    Sylla Tetteh Toure Traore Uzor`,
  eastAndSouthernAfrican: `
    Abdullahi Banda Bekele Chanda Dlamini Farah Gebre Githinji Haile Kamau Kariuki
    Kebede Khumalo Kiplagat Kipchoge Kosgei Mabaso Mahlangu Maina Mengistu Mokoena Moyo Mthembu
    Mulenga Mutasa Mutua Mwale Mwangi Ncube Ndlovu Ndungu Ngcobo Njoroge Nkosi Ochieng Odhiambo
    Okello Onyango Opio Otieno Ouma Phiri Rotich Sithole Tadesse Tembo Tesfaye Wafula Wanyama
    Warsame`,
  southAsian: `
    Adhikari Agarwal Ahluwalia Akhtar Bandara Banerjee Bhatt Bhattacharya Bose Chakraborty
    Chatterjee Chaudhary Chaudhry Chopra Chowdhury Desai Deshmukh Deshpande Dissanayake Dutta
    Gunawardena Gupta Gurung Hossain Hussain Iyengar Iyer Jayasuriya Joshi Kapoor Karki Kaur Khanna
    Krishnamurthy Kulkarni Malhotra Mehta Menon Mishra Mukherjee Naidu Nair Narayan Pandey Patel
    Perera Pillai Prasad Qureshi Rajapaksa Raman Reddy Saxena Sengupta Sharma Shetty Shrestha
    Siddiqui Sinha Srinivasan Srivastava Subramaniam Subramanian Tamang Thakur Thapa Tiwari
    Trivedi Varma Verma Wickramasinghe Yadav`,
  eastAsian: `
    Ahn Bae Cho Han Hong Jang Kang Kim Lim Moon Nam Noh Park Seo Shin Son Song Yang Yoo
    Abe Aoki Arai Baek Cheung Choi Chow Chua Endo Fujii Fujimoto Fujita Fujiwara Fukuda Goto
    Hamada Harada Hasegawa Hashimoto Hayashi Hirano Hwang Ichikawa Ikeda Imai Inoue Ishida Ishii
    Ishikawa Ito Iwasaki Jeon Jeong Kaneko Kato Kikuchi Kimura Kinoshita Kobayashi Koh Komatsu
    Kondo Koyama Kubo Kudo Kuroda Kwok Kwon Lau Leung Liang Matsuda Matsui Matsumoto Matsuo
    Miura Miyamoto Miyazaki Mizuno Morita Murakami Murata Nakagawa Nakajima Nakamura Nakano
    Nakayama Nishida Nishimura Noguchi Nomura Ogawa Okada Okamoto Onishi Otsuka Saito Sakai
    Sakamoto Sakurai Sasaki Sato Shibata Shimada Shimizu Sugimoto Sugiyama Suzuki Takagi Takahashi
    Takano Takeda Takeuchi Tamura Tanaka Taniguchi Tsang Tsui Uchida Ueda Ueno Wada Watanabe
    Yamada Yamaguchi Yamamoto Yamashita Yamauchi Yamazaki Yeung Yokoyama Yoon Yoshida Zhang Zhao
    Zheng Zhou Zhu Huang Wang Xie Xiao Guo Deng Feng Cheng Cui Jiang Yuan Qian Zeng Peng`,
  southeastAsian: `
    Boonmee Charoensuk Dimaculangan Gunawan Halim Hartono Hidayat Hoang Huynh Hutapea Kusuma
    Lubis Magbanua Manalo Nasution Nguyen Nugroho Pangilinan Phan Pratama Purnomo Quach Santoso
    Saputra Setiawan Simanjuntak Sinaga Siregar Srisuk Susanto Suwannarat Tolentino Tran Trinh
    Truong Vuong Wibowo Wijaya Wongsawat`,
  arabicTurkishPersian: `
    Abbas Abdallah Ahmadi Akbari Aksoy Amini Arslan Asadi Awad Aydın Bagheri Bishara Çelik Çetin
    Darwish Doğan Ebrahimi Erdoğan Farahani Ghamdi Ghanem Ghorbani Güneş Habib Haddad Hamdan
    Hashemi Hashimi Heidari Hosseini Jaber Jabbour Jafari Karaca Karimi Kassem Kazemi Khalil
    Khoury Kılıç Korkmaz Mansour Mirzaei Mohammadi Moradi Mousavi Mubarak Mutairi Najafi Najjar
    Nasrallah Nassar Nazari Otaibi Özdemir Özkan Öztürk Qahtani Rahimi Rashidi Rezaei Sabbagh
    Sadeghi Saliba Shaheen Shammari Shirazi Şahin Şimşek Soltani Suleiman Tannous Tehrani Tekin
    Touma Yıldırım Yıldız Yılmaz Zahrani Zamani Zayed`,
  slavic: `
    Alekseev Andreev Babić Bondarenko Borisov Boyko Černý Czarnecki Dąbrowski Dimitrov Dvořák Fedorov Georgiev
    Grabowski Grigoriev Horák Horvat Ilić Ivanov Ivanova Jabłoński Jankowski Jovanović Kamiński
    Knežević Kolev Kovačević Kovalchuk Kovalenko Kowalczyk Kowalska Kowalski Kozlov Kozłowski
    Kravchenko Krawczyk Kučera Kuznetsov Kuznetsova Kwiatkowski Lebedev Lewandowski Lysenko
    Makarov Marchenko Marković Melnyk Mikhailov Milošević Morozov Morozova Nikitin Nikolaev
    Nikolić Novák Novikov Novikova Novotný Nowak Oliynyk Orlov Pavlov Pavlović Petrenko Petrov
    Petrova Petrović Piotrowski Popov Popova Procházka Rudenko Savchenko Semenov Sergeev
    Shevchenko Smirnov Smirnova Sokolov Sokolova Solovyov Stanković Stepanov Stojanović Svoboda
    Szymański Tkachenko Todorov Vasiliev Volkov Volkova Vuković Wiśniewska Wiśniewski Wójcik
    Woźniak Yakovlev Zaitsev Zakharov Zieliński`,
  latinAmerican: `
    Acosta Aguilar Almeida Álvarez Andrade Araújo Arias Ávila Azevedo Barbosa Benavides Benítez
    Bermúdez Bautista Cabrera Cárdenas Carrasco Carvalho Castillo Castro Cavalcanti Chávez
    Cisneros Condori Contreras Córdoba Correia Delgado Domínguez Escobar Espinoza Fernández
    Ferreira Figueroa Fonseca Freitas García Giménez Gómez Gonçalves González Gutiérrez Guzmán
    Hernández Herrera Huamán Ibáñez Ibarra Iglesias Jiménez López Lozano Maldonado Mamani Márquez
    Martínez Medina Mejía Méndez Mendoza Montoya Morales Moreira Muñoz Nascimento Navarro Núñez
    Ocampo Ochoa Oliveira Orozco Ortega Ortiz Osorio Ospina Palacios Peralta Pereira Pérez Quintero
    Quispe Ramírez Restrepo Reyes Ribeiro Rodríguez Rojas Rosales Ruiz Salazar Sánchez Sandoval
    Santos Sosa Souza Suárez Tavares Teixeira Torres Trujillo Valdez Valencia Vargas Vázquez
    Velázquez Villalobos Villanueva Villarreal Zamora Zapata`,
  european: `
    Andersen Andersson Bakker Bergström Bernardi Bianchi Brouwer Byrne Caruso Christensen
    Christodoulou Claes Colombo Connolly Dekker Dijkstra Dubois Dupont Engström Eriksson Esposito
    Fitzgerald Fontaine Fournier Gallagher Georgiou Giordano Goossens Gustafsson Halvorsen
    Hämäläinen Hansen Heikkinen Hoekstra Hoffmann Huisman Jansen Janssen Jensen Johansen
    Johansson Jokinen Järvinen Karagiannis Karlsson Kavanagh Korhonen Koskinen Kristiansen Krüger
    Laine Larsen Larsson Lefebvre Lehtonen Lindberg Lindgren Lindqvist Lindström Lombardi
    Lundberg Lundqvist Maes Mäkinen Mancini Mariani Marchetti McCarthy McLaughlin Meijer Mercier
    Moretti Müller Mulder Nielsen Nieminen Nilsson Nikolaou O'Brien O'Doherty O'Reilly
    O'Sullivan Olsen Olsson Papadakis Papadopoulos Papadopoulou Pedersen Peeters Persson
    Pettersson Rasmussen Rinaldi Rizzo Rossi Rousseau Russo Saarinen Salminen Schäfer Schmidt
    Schneider Schouten Schröder Schulz Sjöberg Smit Sørensen Svensson Vermeersch Vermeulen
    Verhoeven Virtanen Visser Wagner Willems Wouters Zimmermann`,
  hebrew: `Azoulay Biton Dahan Friedman Goldberg Katz Mizrahi Ohana Peretz Rosenberg Shapiro`,
  pacific: `Fonoti Ngata Parata Taufa Tipene Tuilagi Vaifale`,
};

function compile(groups: Record<string, string>): ReadonlySet<string> {
  const names = new Set<string>();
  for (const list of Object.values(groups)) {
    for (const name of list.split(/\s+/)) if (name) names.add(fold(name));
  }
  return names;
}

const NAMES = new Set([...compile(GIVEN_NAMES), ...compile(SURNAMES)]);

/** A given name or surname of the compiled list: "ngozi", "adeyemi", "nguyen". */
export function isListedName(key: string): boolean {
  return NAMES.has(key);
}
